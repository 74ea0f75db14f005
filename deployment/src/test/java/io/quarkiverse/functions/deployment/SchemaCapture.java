package io.quarkiverse.functions.deployment;

import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Hands the generated {@link FunctionSchemasBuildItem} to a test. The build runs in another class loader than the test
 * method, so the schemas travel as JSON in a system property.
 */
final class SchemaCapture {

    private static final String PROPERTY = "quarkus-functions.test.schemas";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaCapture() {
    }

    static Consumer<BuildChainBuilder> capture() {
        return chain -> chain.addBuildStep(context -> {
            FunctionSchemasBuildItem schemas = context.consume(FunctionSchemasBuildItem.class);
            try {
                ObjectNode root = JSON.createObjectNode();
                root.set("definitions", JSON.readTree(schemas.getDefinitions()));
                ObjectNode functions = root.putObject("functions");
                for (Map.Entry<String, FunctionSchema> entry : schemas.getFunctions().entrySet()) {
                    FunctionSchema schema = entry.getValue();
                    ObjectNode function = functions.putObject(entry.getKey());
                    function.set("input", tree(schema.getInputFragment()));
                    function.set("output", tree(schema.getOutputFragment()));
                    function.set("inputDocument", tree(schema.getInputDocument()));
                    function.set("outputDocument", tree(schema.getOutputDocument()));
                }
                System.setProperty(PROPERTY, JSON.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            context.produce(new FeatureBuildItem("schema-capture"));
        }).consumes(FunctionSchemasBuildItem.class).produces(FeatureBuildItem.class).build();
    }

    private static JsonNode tree(String json) throws JsonProcessingException {
        return json == null ? null : JSON.readTree(json);
    }

    /**
     * @return {@code {definitions: {...}, functions: {name: {input, output, inputDocument, outputDocument}}}}
     */
    static JsonNode captured() {
        try {
            return JSON.readTree(System.getProperty(PROPERTY));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the named definition
     */
    static JsonNode definition(String name) {
        JsonNode definition = captured().path("definitions").path(name);
        if (definition.isMissingNode()) {
            throw new AssertionError("no definition '" + name + "' among " + captured().path("definitions").properties());
        }
        return definition;
    }

    static JsonNode function(String name) {
        return captured().path("functions").path(name);
    }
}
