package io.quarkiverse.functions.runtime.internal;

import io.quarkiverse.functions.runtime.FunctionError;

/**
 * The input could not be decoded or failed validation; carries the client error to report.
 */
final class InputRejectedException extends RuntimeException {

    final transient FunctionError error;

    InputRejectedException(FunctionError error) {
        super(error.code(), null, false, false);
        this.error = error;
    }
}
