package io.quarkiverse.functions.amazonlambda.runtime.graal;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import io.quarkiverse.functions.amazonlambda.runtime.NativePollLoop;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownContext;

/**
 * In a native executable (the {@code bootstrap} of {@code provided.al2023}), Quarkus starts its own Runtime API loop.
 * That loop posts errors without the {@code Lambda-Runtime-Function-Error-Type} header Lambda reads, and logs every
 * failed invocation at ERROR with a stack trace, client errors included. This replaces it with the loop of the JVM
 * custom runtime, which does neither, so that a function answers the same on every Lambda runtime.
 */
@TargetClass(AmazonLambdaRecorder.class)
final class Target_AmazonLambdaRecorder {

    @Substitute
    public void startPollLoop(ShutdownContext context, LaunchMode launchMode) {
        NativePollLoop.start(context);
    }
}
