package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * Function errors from the native {@code bootstrap}: the error-type header, typed, no stack trace.
 */
class FailNativeIT extends FailContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.startNative(api, env);
    }
}
