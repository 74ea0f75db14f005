package io.quarkiverse.functions.http.openapi.runtime;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * An empty starting document. SmallRye OpenAPI applies the build-time filters, among them the one that adds the
 * functions, only to a document that exists; an application without JAX-RS endpoints or a static
 * {@code META-INF/openapi.yaml} would otherwise have none. Used at build time only; an application that sets its own
 * {@code mp.openapi.model.reader} replaces it.
 */
public class FunctionsOpenApiModelReader implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI().openapi("3.1.0");
    }
}
