package io.quarkiverse.functions.it;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import io.quarkus.funqy.Funq;

// tag::total[]
public class OrderFunctions {

    public record LineItem(@NotBlank String sku, @Min(1) int quantity, @PositiveOrZero long unitPriceCents) {
    }

    public record Total(int items, long totalCents) {
    }

    /** Takes a list of POJOs; each element is validated. */
    @Funq
    public Total total(List<LineItem> lines) {
        int items = 0;
        long cents = 0;
        for (LineItem line : lines) {
            items += line.quantity();
            cents += line.quantity() * line.unitPriceCents();
        }
        return new Total(items, cents);
    }
}
// end::total[]
