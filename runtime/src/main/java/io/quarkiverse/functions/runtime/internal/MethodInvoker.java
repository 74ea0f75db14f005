package io.quarkiverse.functions.runtime.internal;

/**
 * Calls one {@code @Funq} method without reflection. One implementation per function is generated at build time.
 */
public interface MethodInvoker {

    /**
     * @param bean the bean instance
     * @param args the arguments, in declaration order
     * @return the method's result, or {@code null} for {@code void}
     */
    Object invoke(Object bean, Object[] args) throws Exception;
}
