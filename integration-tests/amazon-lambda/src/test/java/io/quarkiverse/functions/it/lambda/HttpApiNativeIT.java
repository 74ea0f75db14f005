package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * API Gateway v1 and v2 events answered by the native {@code bootstrap}.
 */
class HttpApiNativeIT extends HttpApiContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.startNative(api, env);
    }
}
