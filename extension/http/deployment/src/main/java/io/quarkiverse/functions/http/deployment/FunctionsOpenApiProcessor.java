package io.quarkiverse.functions.http.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.functions.deployment.FunctionSchemasBuildItem;
import io.quarkiverse.functions.http.runtime.FunctionsHttpBuildTimeConfig;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;

/**
 * The functions' HTTP surface in the application's OpenAPI 3.1 document, which quarkus-smallrye-openapi builds at
 * build time and serves at {@code /q/openapi}; and the same document exported to the build output.
 */
class FunctionsOpenApiProcessor {

    /** Under the build output ({@code target/}). */
    static final String OPENAPI_FILE = "functions/openapi";

    @BuildStep
    AddToOpenAPIDefinitionBuildItem describeFunctions(FunctionSchemasBuildItem schemas, FunctionsHttpBuildTimeConfig config,
            HttpRootPathBuildItem httpRoot) {
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
        try {
            String fragment = new ObjectMapper().writeValueAsString(
                    FunctionsOpenApiFragment.build(schemas, paths, eventTypes));
            return new AddToOpenAPIDefinitionBuildItem(new FunctionsOpenApiFilter(fragment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing the OpenAPI fragment of the functions failed", e);
        }
    }

    /**
     * Writes the application's OpenAPI document, exactly as served, to {@code target/functions/openapi.json} and {@code .yaml}:
     * ready to import into API Gateway or a client generator.
     */
    @BuildStep
    void exportOpenApi(List<GeneratedResourceBuildItem> resources, BuildProducer<GeneratedFileSystemResourceBuildItem> files) {
        for (GeneratedResourceBuildItem resource : resources) {
            // the default document's resources, which the application serves as they are
            if (resource.getName().equals(OpenApiConstants.BASE_NAME + ".JSON")) {
                files.produce(new GeneratedFileSystemResourceBuildItem(OPENAPI_FILE + ".json", resource.getData()));
            } else if (resource.getName().equals(OpenApiConstants.BASE_NAME + ".YAML")) {
                files.produce(new GeneratedFileSystemResourceBuildItem(OPENAPI_FILE + ".yaml", resource.getData()));
            }
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
