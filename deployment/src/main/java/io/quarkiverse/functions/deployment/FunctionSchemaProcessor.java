package io.quarkiverse.functions.deployment;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.MethodInfo;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;

/**
 * Contracts from signatures: the JSON Schema 2020-12 of every function's input and output, generated at build time.
 * Nothing of this runs at start-up or per request.
 */
class FunctionSchemaProcessor {

    private static final Logger LOG = Logger.getLogger(FunctionSchemaProcessor.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Under the build output ({@code target/}): {@code functions/schemas/<function>.input.schema.json}. */
    static final String SCHEMA_DIRECTORY = "functions/schemas/";
    private static final String TEXT = "text/plain";
    private static final String BYTES = "application/octet-stream";

    @BuildStep
    FunctionSchemasBuildItem generateSchemas(List<FunctionSignatureBuildItem> signatures) {
        List<FunctionSignatureBuildItem> sorted = new ArrayList<>(signatures);
        sorted.sort(Comparator.comparing(FunctionSignatureBuildItem::getName));

        FunctionSchemaGenerator generator = new FunctionSchemaGenerator(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.jackson.property-naming-strategy", String.class));
        FunctionSchemaGenerator.Shared shared = generator.shared();
        Map<String, ObjectNode[]> schemas = new LinkedHashMap<>();
        Map<String, String[]> mediaTypes = new LinkedHashMap<>();
        for (FunctionSignatureBuildItem signature : sorted) {
            String subject = "function '" + signature.getName() + "' ("
                    + FunctionSignatureProcessor.describe(signature.getMethod()) + ")";
            Method method = reflect(signature.getMethod());
            Type input = signature.getInputIndex() >= 0 ? method.getGenericParameterTypes()[signature.getInputIndex()] : null;
            Type output = output(method, signature.isAsync());
            ObjectNode[] four = new ObjectNode[4];
            if (input != null && PayloadType.of(input) != PayloadType.JSON) {
                four[0] = payloadFragment(PayloadType.of(input));
                four[2] = payloadDocument(PayloadType.of(input));
            } else if (input != null) {
                four[0] = shared.reference(input, "the input of " + subject);
                four[2] = generator.document(input, "the input of " + subject, true);
            }
            if (output != null && PayloadType.of(output) != PayloadType.JSON) {
                four[1] = payloadFragment(PayloadType.of(output));
                four[3] = payloadDocument(PayloadType.of(output));
            } else if (output != null) {
                four[1] = shared.reference(output, "the output of " + subject);
                four[3] = generator.document(output, "the output of " + subject, false);
            }
            schemas.put(signature.getName(), four);
            mediaTypes.put(signature.getName(), new String[] { mediaType(input), mediaType(output) });
        }
        ObjectNode definitions = shared.definitions();
        if (!generator.problems().isEmpty()) {
            throw new IllegalStateException("These @Funq functions have no sound JSON Schema:\n  - "
                    + String.join("\n  - ", generator.problems()));
        }
        for (String warning : generator.warnings()) {
            LOG.warn(warning);
        }
        Map<String, FunctionSchema> functions = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode[]> entry : schemas.entrySet()) {
            ObjectNode[] four = entry.getValue();
            String[] types = mediaTypes.get(entry.getKey());
            functions.put(entry.getKey(), new FunctionSchema(entry.getKey(), text(four[0]), text(four[1]), text(four[2]),
                    text(four[3]), types[0], types[1]));
        }
        return new FunctionSchemasBuildItem(functions, text(definitions));
    }

    /**
     * Writes each schema to the build output, next to the application: {@code target/functions/schemas/}.
     */
    @BuildStep
    void exportSchemas(FunctionSchemasBuildItem schemas, BuildProducer<GeneratedFileSystemResourceBuildItem> files) {
        for (FunctionSchema function : schemas.getFunctions().values()) {
            if (function.getInputDocument() != null) {
                files.produce(new GeneratedFileSystemResourceBuildItem(
                        SCHEMA_DIRECTORY + function.getName() + ".input.schema.json",
                        function.getInputDocument().getBytes(StandardCharsets.UTF_8)));
            }
            if (function.getOutputDocument() != null) {
                files.produce(new GeneratedFileSystemResourceBuildItem(
                        SCHEMA_DIRECTORY + function.getName() + ".output.schema.json",
                        function.getOutputDocument().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /**
     * A {@code String} or {@code byte[]} travels as the payload itself, not as JSON: its schema says so with
     * {@code contentMediaType}, the way OpenAPI 3.1 describes text and binary bodies.
     */
    private static ObjectNode payloadFragment(PayloadType type) {
        ObjectNode schema = JSON.createObjectNode().put("type", "string");
        if (type == PayloadType.BYTES) {
            schema.put("contentMediaType", BYTES);
        }
        return schema;
    }

    private static ObjectNode payloadDocument(PayloadType type) {
        ObjectNode schema = JSON.createObjectNode().put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("type", "string")
                .put("contentMediaType", type == PayloadType.TEXT ? TEXT : BYTES);
        return schema.put("description", type == PayloadType.TEXT
                ? "The payload as text (not JSON), decoded with the charset its media type names, UTF-8 by default."
                : "The payload's bytes as received (not JSON).");
    }

    /**
     * @return the media type the function's input or output travels as, or {@code null} when there is none
     */
    static String mediaType(Type type) {
        if (type == null) {
            return null;
        }
        switch (PayloadType.of(type)) {
            case TEXT:
                return TEXT;
            case BYTES:
                return BYTES;
            default:
                return "application/json";
        }
    }

    private static Type output(Method method, boolean async) {
        Type type = method.getGenericReturnType();
        if (async) {
            type = ((ParameterizedType) type).getActualTypeArguments()[0];
        }
        return type == void.class || type == Void.class ? null : type;
    }

    /**
     * The application's classes are loaded through the deployment class loader, as the build sees them.
     */
    private static Method reflect(MethodInfo info) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        String owner = info.declaringClass().name().toString();
        try {
            Class<?> declaring = Class.forName(owner, false, loader);
            for (Method method : declaring.getDeclaredMethods()) {
                if (method.getName().equals(info.name()) && method.getParameterCount() == info.parametersCount()
                        && sameParameters(method, info)) {
                    return method;
                }
            }
            throw new IllegalStateException("Method " + owner + "#" + info.name() + " was not found by reflection");
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Loading " + owner + " to generate the JSON Schema of its @Funq method "
                    + info.name() + " failed", e);
        }
    }

    private static boolean sameParameters(Method method, MethodInfo info) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().equals(info.parameterType(i).name().toString())) {
                return false;
            }
        }
        return true;
    }

    private static String text(ObjectNode node) {
        if (node == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing a generated JSON Schema failed", e);
        }
    }
}
