package io.quarkiverse.functions.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The examples' side effect: every charge made, in order. Stands for a payment provider or a database.
 */
@ApplicationScoped
public class PaymentLedger {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    /**
     * @return the new charge's id, {@code ch-<n>}
     */
    public synchronized String record(String orderId, long amountCents) {
        entries.add(orderId + ":" + amountCents);
        return "ch-" + entries.size();
    }

    /**
     * @return how many times {@code orderId} was charged
     */
    public long chargesOf(String orderId) {
        long count = 0;
        for (String entry : entries) {
            if (entry.startsWith(orderId + ":")) {
                count++;
            }
        }
        return count;
    }
}
