package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * On {@code provided.al2023}: the native {@code bootstrap} of function.zip, with only the variables Lambda sets.
 */
class TracingNativeIT extends TracingContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.startNative(api, env);
    }
}
