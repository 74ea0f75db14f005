package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One Lambda process for a class of tests, under a Runtime API of the tests' own. A contract class says which
 * environment (which export) its process gets; the concrete classes say which Lambda runtime runs it: the managed
 * Java runtime with AWS's runtime interface client, or the native {@code bootstrap}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RuntimeContract {

    RuntimeApiServer api;
    LambdaProcess lambda;

    /** Starts the function as one Lambda runtime runs it, with this extra environment. */
    abstract LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException;

    /** The function's environment, as the deployed function sets it (an export, a limit). */
    abstract Map<String, String> env();

    @BeforeAll
    void start() throws Exception {
        api = new RuntimeApiServer();
        lambda = start(api, env());
    }

    @AfterAll
    void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        api.close();
    }
}
