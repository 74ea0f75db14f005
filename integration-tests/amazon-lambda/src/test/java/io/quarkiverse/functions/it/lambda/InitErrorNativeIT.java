package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * The native {@code bootstrap} reports a failed start to {@code /runtime/init/error}, then exits non-zero.
 */
class InitErrorNativeIT extends InitErrorContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.startNative(api, env);
    }
}
