package io.quarkiverse.functions.it;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import io.quarkiverse.functions.Idempotent;
import io.quarkus.funqy.Funq;

// tag::charge[]
public class PaymentFunctions {

    public record Charge(@NotBlank String orderId, @Positive long amountCents) {
    }

    public record ChargeReceipt(String orderId, long amountCents, String chargeId) {
    }

    @Inject
    PaymentLedger ledger;

    /**
     * Charges once per delivery: a repeated HTTP request (same Idempotency-Key), a redelivered SQS message or Pub/Sub
     * event is answered with the first receipt, and the ledger is written once.
     */
    @Idempotent
    @Funq
    public ChargeReceipt charge(Charge charge) {
        String chargeId = ledger.record(charge.orderId(), charge.amountCents());
        return new ChargeReceipt(charge.orderId(), charge.amountCents(), chargeId);
    }

    /** The business key is in the input: one charge per order, whoever sends it and however often. */
    @Idempotent(key = "/orderId")
    @Funq
    public ChargeReceipt chargeOrder(Charge charge) {
        String chargeId = ledger.record(charge.orderId(), charge.amountCents());
        return new ChargeReceipt(charge.orderId(), charge.amountCents(), chargeId);
    }
}
// end::charge[]
