package io.quarkiverse.functions.it;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

public class PriceFunctions {

    public record StartupInfo(int constructions, boolean warmedUp, long applePriceCents) {
    }

    @Inject
    PriceCatalog catalog;

    /** Reports how many times the catalog was built in this process: always 1. */
    @Funq("startup-info")
    public StartupInfo startupInfo() {
        return new StartupInfo(PriceCatalog.CONSTRUCTIONS.get(), catalog.warmedUp(), catalog.price("apple"));
    }
}
