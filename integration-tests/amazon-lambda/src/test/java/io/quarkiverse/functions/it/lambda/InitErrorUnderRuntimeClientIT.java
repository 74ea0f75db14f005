package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * A failed start under the runtime interface client is an init error.
 */
class InitErrorUnderRuntimeClientIT extends InitErrorContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }
}
