package io.quarkiverse.functions.it;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.funqy.Funq;

// tag::subscribe[]
public class SubscriptionFunctions {

    public enum Plan {
        FREE,
        TEAM,
        ENTERPRISE
    }

    public record Subscription(
            @NotBlank @Email String email,
            @NotNull Plan plan,
            @Min(1) @Max(500) int seats,
            @Pattern(regexp = "[A-Z]{2}") String country,
            @Size(max = 3) List<@NotBlank String> tags,
            Optional<LocalDate> startsOn,
            @JsonProperty("referral_code") String referralCode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(String account, Plan plan, int seats, LocalDate startsOn, String referralCode) {
    }

    @Funq
    public Receipt subscribe(Subscription subscription) {
        return new Receipt(subscription.email().toLowerCase(), subscription.plan(), subscription.seats(),
                subscription.startsOn().orElse(LocalDate.of(2030, 1, 1)), subscription.referralCode());
    }
}
// end::subscribe[]
