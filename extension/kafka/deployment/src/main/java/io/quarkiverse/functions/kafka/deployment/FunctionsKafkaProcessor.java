package io.quarkiverse.functions.kafka.deployment;

import io.quarkiverse.functions.kafka.runtime.KafkaJobQueue;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * The Kafka job queue: with this extension, async invocations wait on a Kafka topic instead of in the process. The
 * core's in-process queue is a default bean, so this bean replaces it as the one {@code JobQueue}. Unremovable: the
 * core may look the queue up programmatically. Native: quarkus-kafka-client registers what the Kafka client needs;
 * the job codec uses Jackson's streaming API, with nothing to register.
 */
class FunctionsKafkaProcessor {

    static final String FEATURE = "functions-kafka";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem queue() {
        return AdditionalBeanBuildItem.unremovableOf(KafkaJobQueue.class);
    }
}
