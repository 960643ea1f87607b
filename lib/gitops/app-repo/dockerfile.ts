import { appUid } from "../runtime";
import { isBatch, type ServiceSpec } from "../service-spec";

// Numeric user: the kubelet can only prove `runAsNonRoot` for a numeric UID.
const user = `USER ${appUid}:${appUid}`;

function renderJavaDockerfile(spec: ServiceSpec): string {
  return `FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/target/app.jar /app/app.jar
${user}
${isBatch(spec) ? "" : `EXPOSE ${spec.port}\n`}ENTRYPOINT ["java", "-jar", "/app/app.jar"]
`;
}

function renderNodeDockerfile(spec: ServiceSpec): string {
  const batch = isBatch(spec);
  return `FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm install --omit=dev --no-audit --no-fund
COPY src ./src
${spec.template === "web-app" ? "COPY public ./public\n" : ""}${user}
${batch ? "" : `EXPOSE ${spec.port}\n`}CMD ["node", "${batch ? "src/main.js" : "src/server.js"}"]
`;
}

function renderGoDockerfile(spec: ServiceSpec): string {
  return `FROM golang:1.23-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
${user}
${isBatch(spec) ? "" : `EXPOSE ${spec.port}\n`}ENTRYPOINT ["/app"]
`;
}

function renderPythonDockerfile(spec: ServiceSpec): string {
  const batch = isBatch(spec);
  const cmd = batch
    ? `CMD ["python", "-m", "app.job"]`
    : `CMD ["sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --port \${PORT:-${spec.port}}"]`;
  return `FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app ./app
${spec.template === "web-app" ? "COPY static ./static\n" : ""}${user}
${batch ? "" : `EXPOSE ${spec.port}\n`}${cmd}
`;
}

export function renderDockerfile(spec: ServiceSpec): string {
  switch (spec.language) {
    case "java":
      return renderJavaDockerfile(spec);
    case "node":
      return renderNodeDockerfile(spec);
    case "go":
      return renderGoDockerfile(spec);
    case "python":
      return renderPythonDockerfile(spec);
  }
}

export const dockerignore = ".git\n.forgejo\nnode_modules\ntarget\n__pycache__\n*.pyc\n.env\n";

export const gitignore = "node_modules/\ntarget/\n__pycache__/\n*.pyc\n.venv/\n.env\n";
