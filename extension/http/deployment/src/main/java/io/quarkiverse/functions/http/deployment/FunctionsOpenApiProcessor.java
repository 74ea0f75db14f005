package io.quarkiverse.functions.http.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.DotName;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.quarkiverse.functions.Idempotent;
import io.quarkiverse.functions.deployment.FunctionSchemasBuildItem;
import io.quarkiverse.functions.deployment.FunctionSignatureBuildItem;
import io.quarkiverse.functions.http.runtime.FunctionsHttpBuildTimeConfig;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;

/**
 * The functions' HTTP surface as an OpenAPI 3.1 document, built at build time from their JSON Schemas. It needs no
 * OpenAPI library at run time: quarkus-functions-http-openapi serves it at {@code /q/openapi} when the application has
 * quarkus-smallrye-openapi; otherwise it is only written to the build output.
 */
class FunctionsOpenApiProcessor {

    /** Under the build output ({@code target/}). */
    static final String OPENAPI_FILE = "functions/openapi";
    private static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);

    @BuildStep
    FunctionsOpenApiFragmentBuildItem describeFunctions(FunctionSchemasBuildItem schemas,
            FunctionsHttpBuildTimeConfig config, HttpRootPathBuildItem httpRoot, List<FunctionSignatureBuildItem> signatures) {
        String root = config.rootPath().endsWith("/") ? config.rootPath() : config.rootPath() + "/";
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, List<String>> eventTypes = new LinkedHashMap<>();
        for (String name : schemas.getFunctions().keySet()) {
            paths.put(name, httpRoot.resolvePath(root + name));
            eventTypes.put(name, eventTypes(name));
        }
        // CloudEvents are served on the root path itself, with its trailing slash
        String events = httpRoot.resolvePath(root);
        paths.put("", events.endsWith("/") ? events : events + "/");
        Set<String> idempotent = new HashSet<>();
        for (FunctionSignatureBuildItem signature : signatures) {
            boolean annotated = signature.getMethod().hasDeclaredAnnotation(IDEMPOTENT);
            if (ConfigProvider.getConfig().getOptionalValue("quarkus.functions.\"" + signature.getName()
                    + "\".idempotency.enabled", Boolean.class).orElse(annotated)) {
                idempotent.add(signature.getName());
            }
        }
        try {
            ObjectNode fragment = FunctionsOpenApiFragment.build(schemas, paths, eventTypes);
            FunctionsOpenApiAsync.addTo(fragment, paths, idempotent);
            return new FunctionsOpenApiFragmentBuildItem(new ObjectMapper().writeValueAsString(fragment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing the OpenAPI fragment of the functions failed", e);
        }
    }

    /**
     * Without quarkus-smallrye-openapi, writes the functions' document to {@code target/functions/openapi.json} and
     * {@code .yaml}. With it, quarkus-functions-http-openapi writes the served document there instead, which also has
     * the application's other endpoints.
     */
    @BuildStep
    void exportOpenApi(Capabilities capabilities, FunctionsOpenApiFragmentBuildItem fragment,
            ApplicationInfoBuildItem application, BuildProducer<GeneratedFileSystemResourceBuildItem> files) {
        if (capabilities.isPresent(Capability.SMALLRYE_OPENAPI)) {
            return;
        }
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode fragmentDocument = (ObjectNode) json.readTree(fragment.getJson());
            // the same info as quarkus-smallrye-openapi's default, so that both documents start alike
            ObjectNode document = json.createObjectNode();
            document.put("openapi", fragmentDocument.get("openapi").asText());
            document.putObject("info")
                    .put("title", application.getName() + " API")
                    .put("version", application.getVersion());
            fragmentDocument.remove("openapi");
            document.setAll(fragmentDocument);
            files.produce(new GeneratedFileSystemResourceBuildItem(OPENAPI_FILE + ".json",
                    json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document)
                            .getBytes(StandardCharsets.UTF_8)));
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build());
            files.produce(new GeneratedFileSystemResourceBuildItem(OPENAPI_FILE + ".yaml",
                    yaml.writeValueAsString(document).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("Writing the OpenAPI document of the functions to target/"
                    + OPENAPI_FILE + ".json and .yaml failed", e);
        }
    }

    /**
     * The CloudEvent types routed to a function: its name, and {@code quarkus.functions."<name>".event-types} as
     * configured at build time.
     */
    private static List<String> eventTypes(String function) {
        Optional<List<String>> configured = ConfigProvider.getConfig()
                .getOptionalValues("quarkus.functions.\"" + function + "\".event-types", String.class);
        List<String> types = new ArrayList<>();
        types.add(function);
        configured.ifPresent(types::addAll);
        return types;
    }
}
