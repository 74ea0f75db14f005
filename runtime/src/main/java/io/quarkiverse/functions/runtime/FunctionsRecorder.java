package io.quarkiverse.functions.runtime;

import java.util.List;

import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.functions.runtime.internal.CatalogLoader;
import io.quarkiverse.functions.runtime.internal.FunctionCatalog;
import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class FunctionsRecorder {

    /**
     * Prepares every function at static init: method, bean, JSON reader and writer, validator. Nothing of this is left
     * for the first invocation.
     *
     * @param validation whether the application has Bean Validation ({@code quarkus-hibernate-validator})
     */
    public void loadCatalog(BeanContainer container, List<FunctionSpec> functions, boolean validation) {
        ObjectMapper mapper = container.beanInstance(ObjectMapper.class);
        Validator validator = validation ? container.beanInstance(Validator.class) : null;
        CatalogLoader.load(container.beanInstance(FunctionCatalog.class), functions, mapper, validator);
    }
}
