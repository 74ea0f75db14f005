package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * A passed deadline in the native {@code bootstrap}.
 */
class DeadlineNativeIT extends DeadlineContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.startNative(api, env);
    }
}
