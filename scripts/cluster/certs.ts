import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Throwaway PKI for the loopback control plane, made with the openssl CLI (valid 30 days; a fresh
// one per start), and the kubeconfig that carries the admin credentials to ArgoCD, kwok and tests.

export type Pki = {
  dir: string;
  caCert: string;
  apiserverCert: string;
  apiserverKey: string;
  /** Client certificate in system:masters: the harness, the kubeconfig and everything using it are cluster-admin. */
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
};

const APISERVER_NAMES = [
  "IP:127.0.0.1",
  "IP:10.0.0.1",
  "DNS:localhost",
  "DNS:kubernetes",
  "DNS:kubernetes.default",
  "DNS:kubernetes.default.svc",
  "DNS:kubernetes.default.svc.cluster.local",
];

function openssl(args: string[], cwd: string) {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** CA, apiserver serving cert, admin client cert, service-account key pair, all under `dir`. */
export function generatePki(dir: string): Pki {
  mkdirSync(dir, { recursive: true });
  const ec = (key: string) =>
    openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key], dir);
  ec("ca.key");
  openssl(
    [
      "req",
      "-x509",
      "-new",
      "-key",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "30",
      "-subj",
      "/CN=slipway-cluster-ca",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
    ],
    dir,
  );
  const sign = (name: string, subj: string, usage: string) => {
    ec(`${name}.key`);
    openssl(["req", "-new", "-key", `${name}.key`, "-out", `${name}.csr`, "-subj", subj], dir);
    writeFileSync(
      path.join(dir, `${name}.ext`),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n${usage}\n`,
    );
    openssl(
      [
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        `${name}.crt`,
        "-days",
        "30",
        "-extfile",
        `${name}.ext`,
      ],
      dir,
    );
  };
  sign("apiserver", "/CN=kube-apiserver", `extendedKeyUsage=serverAuth\nsubjectAltName=${APISERVER_NAMES.join(",")}`);
  sign("admin", "/O=system:masters/CN=slipway-admin", "extendedKeyUsage=clientAuth");
  // Service-account tokens: RSA keeps every consumer happy (ES256 works too, RS256 is the default).
  openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "sa.key"], dir);
  openssl(["pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub"], dir);
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    caCert: file("ca.crt"),
    apiserverCert: file("apiserver.crt"),
    apiserverKey: file("apiserver.key"),
    adminCert: file("admin.crt"),
    adminKey: file("admin.key"),
    serviceAccountKey: file("sa.key"),
    serviceAccountPub: file("sa.pub"),
  };
}

export function writeKubeconfig(file: string, server: string, pki: Pki, namespace: string): void {
  const b64 = (f: string) => readFileSync(f).toString("base64");
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "slipway", cluster: { server, "certificate-authority-data": b64(pki.caCert) } }],
    users: [
      { name: "admin", user: { "client-certificate-data": b64(pki.adminCert), "client-key-data": b64(pki.adminKey) } },
    ],
    contexts: [{ name: "slipway", context: { cluster: "slipway", user: "admin", namespace } }],
    "current-context": "slipway",
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
}
