package io.quarkiverse.functions.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;

import io.quarkus.funqy.Funq;

// tag::audit[]
@ApplicationScoped
public class AuditFunctions {

    public record AuditEntry(@NotBlank String actor, @NotBlank String action) {
    }

    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    /** A void function: answered 204 over HTTP. */
    @Funq
    public void audit(AuditEntry entry) {
        entries.add(entry);
    }

    @Funq("audit-entries")
    public List<AuditEntry> auditEntries() {
        return List.copyOf(entries);
    }
}
// end::audit[]
