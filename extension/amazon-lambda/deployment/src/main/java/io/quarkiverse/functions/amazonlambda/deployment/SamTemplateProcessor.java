package io.quarkiverse.functions.amazonlambda.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaBuildTimeConfig;
import io.quarkiverse.functions.amazonlambda.runtime.FunctionsStreamHandler;
import io.quarkiverse.functions.deployment.FunctionCatalogBuildItem;
import io.quarkiverse.functions.deployment.FunctionSchema;
import io.quarkiverse.functions.deployment.FunctionSchemasBuildItem;
import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.pkg.builditem.ArtifactResultBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;

/**
 * Writes {@code sam.jvm.yaml} (managed Java runtime) and {@code sam.native.yaml} (custom runtime) next to
 * {@code function.zip}, and {@code sam.jvm-custom-runtime.yaml} when the JVM custom runtime is built: one
 * {@code AWS::Serverless::Function} per function, each exporting it, and, when the build exports no function, one more
 * behind an HTTP API that serves them all by path.
 */
class SamTemplateProcessor {

    static final String JVM_HANDLER = FunctionsStreamHandler.class.getName() + "::handleRequest";
    /** Where the core writes the contracts, relative to the templates. */
    static final String SCHEMAS = "functions/schemas/";

    /**
     * What a template deploys.
     */
    enum Kind {
        /** {@code function.zip} on the managed Java runtime. */
        JVM("JVM on the managed Java runtime", "function.zip"),
        /** {@code function.zip} holding a native executable, on the custom runtime. */
        NATIVE("native executable on the custom runtime", "function.zip"),
        /** {@code function-jvm-custom-runtime.zip}: the bundled JDK 25 and AOT cache, on the custom runtime. */
        JVM_CUSTOM_RUNTIME("JVM with a bundled JDK 25 and AOT cache on the custom runtime", JvmCustomRuntimeProcessor.ZIP);

        final String description;
        final String codeUri;

        Kind(String description, String codeUri) {
            this.description = description;
            this.codeUri = codeUri;
        }

        boolean customRuntime() {
            return this != JVM;
        }
    }

    @BuildStep
    ArtifactResultBuildItem samTemplates(FunctionCatalogBuildItem catalog, FunctionSchemasBuildItem schemas,
            LambdaHandlerClassesBuildItem handlers, OutputTargetBuildItem target, FunctionsLambdaBuildTimeConfig config) {
        List<String> names = new ArrayList<>();
        for (FunctionSpec function : catalog.getFunctions()) {
            names.add(function.getName());
        }
        boolean exported = ConfigProvider.getConfig().getOptionalValue("quarkus.functions.export", String.class)
                .filter(value -> !value.isBlank()).isPresent();
        Path jvm = target.getOutputDirectory().resolve("sam.jvm.yaml");
        Path nativeTemplate = target.getOutputDirectory().resolve("sam.native.yaml");
        write(jvm, template(names, handlers.getHandlers(), schemas.getFunctions(), exported, config, Kind.JVM));
        write(nativeTemplate, template(names, handlers.getHandlers(), schemas.getFunctions(), exported, config, Kind.NATIVE));
        Map<String, String> others = new java.util.LinkedHashMap<>();
        others.put("native", nativeTemplate.toString());
        if (config.jvmCustomRuntime().enabled()) {
            Path custom = target.getOutputDirectory().resolve("sam.jvm-custom-runtime.yaml");
            write(custom, template(names, handlers.getHandlers(), schemas.getFunctions(), exported, config,
                    Kind.JVM_CUSTOM_RUNTIME));
            others.put("jvm-custom-runtime", custom.toString());
        }
        return new ArtifactResultBuildItem(jvm, "sam-template", others);
    }

    /**
     * @param contracts the functions' JSON Schemas, written under {@code target/functions/schemas/}; each function
     *        resource names its own in {@code Metadata}
     */
    static String template(List<String> functions, Map<String, String> handlers, Map<String, FunctionSchema> contracts,
            boolean exported, FunctionsLambdaBuildTimeConfig config, Kind kind) {
        boolean customRuntime = kind.customRuntime();
        StringBuilder yaml = new StringBuilder()
                .append("AWSTemplateFormatVersion: '2010-09-09'\n")
                .append("Transform: AWS::Serverless-2016-10-31\n")
                .append("Description: Quarkus Functions, ")
                .append(kind.description)
                .append(" (generated at build time)\n")
                .append("Globals:\n")
                .append("  Function:\n")
                .append("    Runtime: ").append(customRuntime ? "provided.al2023" : config.sam().jvmRuntime()).append('\n')
                .append("    CodeUri: ").append(kind.codeUri).append('\n')
                .append("    MemorySize: ").append(config.sam().memorySize()).append('\n')
                .append("    Timeout: ").append(Math.max(1, config.sam().timeout().toSeconds())).append('\n');
        if (!customRuntime) {
            yaml.append("    Handler: ").append(JVM_HANDLER).append('\n');
        }
        yaml.append("Resources:\n");
        for (String function : functions) {
            yaml.append("  ").append(logicalId(function)).append("Function:\n")
                    .append("    Type: AWS::Serverless::Function\n");
            FunctionSchema contract = contracts.get(function);
            if (contract != null && (contract.hasInput() || contract.hasOutput())) {
                yaml.append("    Metadata:\n");
                if (contract.hasInput()) {
                    yaml.append("      InputSchema: ").append(SCHEMAS).append(function).append(".input.schema.json\n");
                }
                if (contract.hasOutput()) {
                    yaml.append("      OutputSchema: ").append(SCHEMAS).append(function).append(".output.schema.json\n");
                }
            }
            yaml
                    .append("    Properties:\n")
                    // the custom runtime's Handler names the function; the managed runtime's names the class
                    // generated for the function
                    .append("      Handler: ").append(customRuntime ? function : handlers.get(function) + "::handleRequest")
                    .append('\n')
                    .append("      Environment:\n")
                    .append("        Variables:\n")
                    .append("          QUARKUS_FUNCTIONS_EXPORT: ").append(function).append('\n');
            if (kind == Kind.NATIVE) {
                yaml.append("          DISABLE_SIGNAL_HANDLERS: 'true'\n");
            }
        }
        if (!exported) {
            yaml.append("  HttpApiFunction:\n")
                    .append("    Type: AWS::Serverless::Function\n")
                    .append("    Properties:\n")
                    .append("      Handler: ").append(customRuntime ? "http-api" : JVM_HANDLER).append('\n');
            if (kind == Kind.NATIVE) {
                yaml.append("      Environment:\n")
                        .append("        Variables:\n")
                        .append("          DISABLE_SIGNAL_HANDLERS: 'true'\n");
            }
            yaml.append("      Events:\n")
                    .append("        HttpApi:\n")
                    .append("          Type: HttpApi\n")
                    .append("          Properties:\n")
                    .append("            Path: /{proxy+}\n")
                    .append("            Method: ANY\n")
                    .append("Outputs:\n")
                    .append("  HttpApiUrl:\n")
                    .append("    Description: POST <url><function> invokes a function\n")
                    .append("    Value: !Sub 'https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/'\n");
        }
        return yaml.toString();
    }

    /**
     * {@code audit-entries} becomes {@code AuditEntries}: CloudFormation logical ids are alphanumeric.
     */
    static String logicalId(String function) {
        StringBuilder id = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < function.length(); i++) {
            char c = function.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return id.toString();
    }

    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the SAM template " + path, e);
        }
    }
}
