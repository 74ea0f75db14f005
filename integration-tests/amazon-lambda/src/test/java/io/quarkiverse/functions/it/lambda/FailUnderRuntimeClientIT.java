package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.util.Map;

/**
 * Function errors on direct invocation, as the runtime interface client reports them to {@code /error}.
 */
class FailUnderRuntimeClientIT extends FailContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }
}
