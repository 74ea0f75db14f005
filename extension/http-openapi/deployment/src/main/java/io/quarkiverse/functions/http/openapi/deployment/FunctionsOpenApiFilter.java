package io.quarkiverse.functions.http.openapi.deployment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import io.smallrye.openapi.api.SmallRyeOpenAPI;

/**
 * Adds the functions' paths and schemas to the application's OpenAPI document. Runs at build time, when
 * quarkus-smallrye-openapi builds the document; the application then serves the stored result.
 */
final class FunctionsOpenApiFilter implements OASFilter {

    private final OpenAPI functions;

    /**
     * Reads the fragment into the OpenAPI model now: a second document build must not run inside the application's,
     * whose document state it would reset.
     *
     * @param fragment an OpenAPI 3.1 document (JSON) with the functions' paths and components
     */
    FunctionsOpenApiFilter(String fragment) {
        this.functions = SmallRyeOpenAPI.builder()
                .withCustomStaticFile(() -> new ByteArrayInputStream(fragment.getBytes(StandardCharsets.UTF_8)))
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .build()
                .model();
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        for (Map.Entry<String, PathItem> path : functions.getPaths().getPathItems().entrySet()) {
            if (openAPI.getPaths().hasPathItem(path.getKey())) {
                throw new IllegalStateException("The OpenAPI document already has path " + path.getKey()
                        + ", which is also a function's path. Fix: serve the functions under another prefix with"
                        + " quarkus.functions.http.root-path, for example /fn/.");
            }
            openAPI.getPaths().addPathItem(path.getKey(), path.getValue());
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        for (Map.Entry<String, Schema> schema : functions.getComponents().getSchemas().entrySet()) {
            if (components.getSchemas() != null && components.getSchemas().containsKey(schema.getKey())) {
                throw new IllegalStateException("The OpenAPI document already has a schema named " + schema.getKey()
                        + ", and a function's type has the same name. Fix: rename one of the two types.");
            }
            components.addSchema(schema.getKey(), schema.getValue());
        }
        for (Map.Entry<String, APIResponse> response : functions.getComponents().getResponses().entrySet()) {
            components.addResponse(response.getKey(), response.getValue());
        }
        for (Map.Entry<String, Header> header : functions.getComponents().getHeaders().entrySet()) {
            if (components.getHeaders() == null || !components.getHeaders().containsKey(header.getKey())) {
                components.addHeader(header.getKey(), header.getValue());
            }
        }
        for (Tag tag : functions.getTags()) {
            openAPI.addTag(tag);
        }
    }
}
