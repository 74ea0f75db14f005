package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * On Lambda's managed Java runtime: function.zip under AWS's runtime interface client.
 */
class TracingIT extends TracingContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }
}
