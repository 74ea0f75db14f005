package io.quarkiverse.functions.http.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The functions' HTTP surface as an OpenAPI 3.1 document (JSON): their paths and components, and nothing else of the
 * application. Produced by the HTTP binding; consumed by its export to {@code target/functions/} and, when the
 * application has quarkus-smallrye-openapi, by quarkus-functions-http-openapi, which adds it to the served document.
 */
public final class FunctionsOpenApiFragmentBuildItem extends SimpleBuildItem {

    private final String json;

    public FunctionsOpenApiFragmentBuildItem(String json) {
        this.json = json;
    }

    public String getJson() {
        return json;
    }
}
