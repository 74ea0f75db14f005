package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * API Gateway events under the runtime interface client: one Lambda serves every function by path.
 */
class HttpApiUnderRuntimeClientIT extends HttpApiContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }
}
