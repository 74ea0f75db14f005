package io.quarkiverse.functions.deployment;

/**
 * The contract of one function, as JSON text.
 * <p>
 * Two forms of each schema are kept. The <em>document</em> is a standalone JSON Schema 2020-12 document (with its own
 * {@code $defs}), to export or to hand to a validator. The <em>fragment</em> is the same schema whose references point
 * into the shared definitions of {@link FunctionSchemasBuildItem#getDefinitions()} as
 * {@code #/components/schemas/<name>}, ready to be placed into an OpenAPI 3.1 document.
 */
public final class FunctionSchema {

    private final String name;
    private final String inputFragment;
    private final String outputFragment;
    private final String inputDocument;
    private final String outputDocument;
    private final String inputMediaType;
    private final String outputMediaType;

    FunctionSchema(String name, String inputFragment, String outputFragment, String inputDocument,
            String outputDocument, String inputMediaType, String outputMediaType) {
        this.name = name;
        this.inputFragment = inputFragment;
        this.outputFragment = outputFragment;
        this.inputDocument = inputDocument;
        this.outputDocument = outputDocument;
        this.inputMediaType = inputMediaType;
        this.outputMediaType = outputMediaType;
    }

    /**
     * @return the media type the input travels as: {@code application/json}, {@code text/plain} for a {@code String},
     *         {@code application/octet-stream} for a {@code byte[]}; {@code null} without input
     */
    public String getInputMediaType() {
        return inputMediaType;
    }

    /**
     * @return the media type the output travels as over HTTP, like {@link #getInputMediaType()}; {@code null} without
     *         output
     */
    public String getOutputMediaType() {
        return outputMediaType;
    }

    /**
     * @return the function name
     */
    public String getName() {
        return name;
    }

    /**
     * @return whether the function takes an input
     */
    public boolean hasInput() {
        return inputFragment != null;
    }

    /**
     * @return whether the function returns a value; {@code false} for {@code void} and {@code Uni<Void>}
     */
    public boolean hasOutput() {
        return outputFragment != null;
    }

    /**
     * @return the input schema referencing the shared definitions, or {@code null} without input
     */
    public String getInputFragment() {
        return inputFragment;
    }

    /**
     * @return the output schema referencing the shared definitions, or {@code null} without output
     */
    public String getOutputFragment() {
        return outputFragment;
    }

    /**
     * @return the standalone JSON Schema 2020-12 document of the input, or {@code null} without input
     */
    public String getInputDocument() {
        return inputDocument;
    }

    /**
     * @return the standalone JSON Schema 2020-12 document of the output, or {@code null} without output
     */
    public String getOutputDocument() {
        return outputDocument;
    }
}
