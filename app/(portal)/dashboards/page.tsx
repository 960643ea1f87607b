import { redirect } from "next/navigation";

export default function Dashboards() {
  redirect("/dashboards/catalog");
}
