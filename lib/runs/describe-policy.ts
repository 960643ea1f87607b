/** "2 approvals (sre) and a change ticket": how a policy reads to people. */
export function describePolicy(p: { approvers: number; changeTicket: boolean; roles: string[] }): string {
  const who = p.approvers > 0 ? `${p.approvers} approval${p.approvers > 1 ? "s" : ""} (${p.roles.join("/")})` : "";
  return [who, p.changeTicket ? "a change ticket" : ""].filter(Boolean).join(" and ");
}
