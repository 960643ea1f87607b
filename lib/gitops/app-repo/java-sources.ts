import { isBatch, type ServiceSpec } from "../service-spec";

const javaKeywords = new Set(
  (
    "abstract assert boolean break byte case catch char class const continue default do double else enum extends final " +
    "finally float for goto if implements import instanceof int interface long native new package private protected public " +
    "return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null"
  ).split(" "),
);

/** `backend-team` + `payment-service` → `com.backendteam.paymentservice` (names are DNS labels, so only '-' needs care). */
export function getJavaPackage(spec: Pick<ServiceSpec, "team" | "name">): string {
  const segment = (s: string) => {
    const plain = s.replaceAll("-", "");
    return javaKeywords.has(plain) ? `${plain}_` : plain;
  };
  return `com.${segment(spec.team)}.${segment(spec.name)}`;
}

const renderDependency = (groupId: string, artifactId: string, scope?: string) =>
  `    <dependency>\n      <groupId>${groupId}</groupId>\n      <artifactId>${artifactId}</artifactId>\n${scope ? `      <scope>${scope}</scope>\n` : ""}    </dependency>`;

function renderPomXml(spec: ServiceSpec): string {
  const batch = isBatch(spec);
  const deps = batch
    ? [renderDependency("org.springframework.boot", "spring-boot-starter")]
    : [
        renderDependency("org.springframework.boot", "spring-boot-starter-web"),
        renderDependency("org.springframework.boot", "spring-boot-starter-actuator"),
        renderDependency("io.micrometer", "micrometer-registry-prometheus", "runtime"),
      ];
  if (spec.database) {
    deps.push(
      renderDependency("org.springframework.boot", "spring-boot-starter-jdbc"),
      renderDependency("org.postgresql", "postgresql", "runtime"),
    );
  }
  if (spec.redis) deps.push(renderDependency("org.springframework.boot", "spring-boot-starter-data-redis"));
  deps.push(renderDependency("org.springframework.boot", "spring-boot-starter-test", "test"));
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.5</version>
    <relativePath/>
  </parent>
  <groupId>${getJavaPackage(spec).split(".").slice(0, 2).join(".")}</groupId>
  <artifactId>${spec.name}</artifactId>
  <version>${spec.version}</version>
  <properties>
    <java.version>21</java.version>
  </properties>
  <dependencies>
${deps.join("\n")}
  </dependencies>
  <build>
    <finalName>app</finalName>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
`;
}

const applicationYaml = (spec: ServiceSpec) =>
  isBatch(spec)
    ? `spring:\n  application:\n    name: ${spec.name}\n  main:\n    web-application-type: none\nlogging:\n  level:\n    root: \${LOG_LEVEL:INFO}\n`
    : `spring:
  application:
    name: ${spec.name}
server:
  port: \${PORT:${spec.port}}
  shutdown: graceful
management:
  endpoints:
    web:
      exposure:
        include: health,prometheus
  endpoint:
    health:
      # /actuator/health/liveness and /readiness: what the Kubernetes probes call.
      probes:
        enabled: true
logging:
  level:
    root: \${LOG_LEVEL:INFO}
`;

const applicationJava = (pkg: string, batch: boolean) => `package ${pkg};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class Application {
    public static void main(String[] args) {
${
  batch
    ? "        // No web server keeps the JVM alive: exit with the job's status.\n        System.exit(SpringApplication.exit(SpringApplication.run(Application.class, args)));"
    : "        SpringApplication.run(Application.class, args);"
}
    }
}
`;

const helloController = (spec: ServiceSpec, pkg: string) => `package ${pkg};

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HelloController {
    @Value("\${APP_VERSION:dev}")
    private String version;

    @GetMapping("${spec.template === "web-app" ? "/api/info" : "/"}")
    public Map<String, String> info() {
        return Map.of("service", "${spec.name}", "version", version);
    }
}
`;

const helloControllerTest = (spec: ServiceSpec, pkg: string) => `package ${pkg};

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

// A web slice: no database or Redis needed to run it in CI.
@WebMvcTest(HelloController.class)
class HelloControllerTest {
    @Autowired
    private MockMvc mvc;

    @Test
    void answersWithTheServiceName() throws Exception {
        mvc.perform(get("${spec.template === "web-app" ? "/api/info" : "/"}")).andExpect(status().isOk()).andExpect(jsonPath("$.service").value("${spec.name}"));
    }
}
`;

const jobJava = (spec: ServiceSpec, pkg: string) => `package ${pkg};

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/** One run of the ${spec.name} job. An exception fails the run; Kubernetes retries it (backoffLimit). */
@Component
public class Job implements CommandLineRunner {
    private static final Logger log = LoggerFactory.getLogger(Job.class);

    @Override
    public void run(String... args) {
        process();
    }

    int process() {
        log.info("job started in {}", System.getenv().getOrDefault("ENVIRONMENT", "local"));
        // The job's work goes here. SPRING_DATASOURCE_URL / REDIS_URL are set when the service has them.
        int processed = 0;
        log.info("job finished, processed {}", processed);
        return processed;
    }
}
`;

const jobTest = (pkg: string) => `package ${pkg};

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobTest {
    @Test
    void runCompletes() {
        assertEquals(0, new Job().process());
    }
}
`;

export function renderJavaSources(spec: ServiceSpec): Record<string, string> {
  const pkg = getJavaPackage(spec);
  const main = `src/main/java/${pkg.replaceAll(".", "/")}`;
  const test = `src/test/java/${pkg.replaceAll(".", "/")}`;
  const files: Record<string, string> = {
    "pom.xml": renderPomXml(spec),
    "src/main/resources/application.yaml": applicationYaml(spec),
  };
  if (isBatch(spec)) {
    files[`${main}/Application.java`] = applicationJava(pkg, true);
    files[`${main}/Job.java`] = jobJava(spec, pkg);
    files[`${test}/JobTest.java`] = jobTest(pkg);
  } else {
    files[`${main}/Application.java`] = applicationJava(pkg, false);
    files[`${main}/HelloController.java`] = helloController(spec, pkg);
    files[`${test}/HelloControllerTest.java`] = helloControllerTest(spec, pkg);
  }
  return files;
}
