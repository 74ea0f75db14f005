package io.quarkiverse.functions.amazonlambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code cloud.resource_id} on Lambda: the function's ARN, an alias replaced by the version that runs (OpenTelemetry's
 * cloud conventions: "replace any alias suffix with the resolved function version").
 */
class LambdaArnsTest {

    private static final String FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:orders";

    @Test
    void anAliasIsReplacedByTheVersionThatRuns() {
        assertThat(new LambdaArns("42").resolve(FUNCTION + ":live")).isEqualTo(FUNCTION + ":42");
    }

    @Test
    void anUnqualifiedArnIsKept() {
        assertThat(new LambdaArns("42").resolve(FUNCTION)).isEqualTo(FUNCTION);
    }

    @Test
    void withoutAKnownVersionTheQualifierIsDropped() {
        assertThat(new LambdaArns(null).resolve(FUNCTION + ":live")).isEqualTo(FUNCTION);
    }

    @Test
    void eachInvokedArnIsResolvedOnItsOwn() {
        LambdaArns arns = new LambdaArns("7");
        assertThat(arns.resolve(FUNCTION + ":live")).isEqualTo(FUNCTION + ":7");
        assertThat(arns.resolve(FUNCTION)).isEqualTo(FUNCTION);
        assertThat(arns.resolve(null)).isNull();
    }
}
