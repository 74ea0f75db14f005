package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * A passed deadline under the runtime interface client.
 */
class DeadlineUnderRuntimeClientIT extends DeadlineContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }
}
