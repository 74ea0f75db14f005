package io.quarkiverse.functions.http.openapi.deployment;

import java.util.List;

import io.quarkiverse.functions.http.deployment.FunctionsOpenApiFragmentBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;

/**
 * The functions' paths and schemas in the application's OpenAPI 3.1 document, which quarkus-smallrye-openapi builds at
 * build time and serves at {@code /q/openapi}; and that document exported to the build output. Active only when the
 * application has quarkus-smallrye-openapi (a conditional dependency of quarkus-functions-http).
 */
class FunctionsHttpOpenApiProcessor {

    static final String FEATURE = "functions-http-openapi";

    /** Under the build output ({@code target/}); the same file the HTTP binding writes without this extension. */
    static final String OPENAPI_FILE = "functions/openapi";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AddToOpenAPIDefinitionBuildItem describeFunctions(FunctionsOpenApiFragmentBuildItem fragment) {
        return new AddToOpenAPIDefinitionBuildItem(new FunctionsOpenApiFilter(fragment.getJson()));
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
}
