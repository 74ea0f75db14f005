package io.quarkiverse.functions.amazonlambda.runtime.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda context of an in-process invocation: what the Runtime API's headers would give, for a function deployed
 * as {@code <function>} in a sample account.
 */
final class InProcessContext implements Context {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.amazonlambda");

    private final String requestId;
    private final String function;
    private final Instant deadline;
    private final int memoryMb;

    InProcessContext(String requestId, String function, Instant deadline, int memoryMb) {
        this.requestId = requestId;
        this.function = function;
        this.deadline = deadline;
        this.memoryMb = memoryMb;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function;
    }

    @Override
    public String getLogStreamName() {
        return "dev/[$LATEST]in-process";
    }

    @Override
    public String getFunctionName() {
        return function;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + LambdaSampleEvents.REGION + ":" + LambdaSampleEvents.ACCOUNT + ":function:" + function;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = deadline.toEpochMilli() - System.currentTimeMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                LOG.info(message);
            }

            @Override
            public void log(byte[] message) {
                LOG.info(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
