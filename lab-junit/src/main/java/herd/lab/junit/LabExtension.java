package herd.lab.junit;

import herd.lab.Lab;
import herd.lab.LabSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5 extension behind {@link LabConfig}: one lab per test class, injected into parameters
 * and fields of type {@link Lab}, always torn down after the class (and by the lab's shutdown
 * hook if the JVM dies first). Nested classes share their enclosing class's lab.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver,
        TestInstancePostProcessor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    /** Store value that JUnit must not close itself: afterAll owns the teardown. */
    private record Running(Lab lab) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context) != null) {
            return;
        }
        LabConfig config = context.getRequiredTestClass().getAnnotation(LabConfig.class);
        if (config == null) {
            throw new IllegalStateException("LabExtension needs @LabConfig on " + context.getRequiredTestClass().getName());
        }
        LabSpec spec = LabSpec.builder().nodes(config.nodes()).extras(config.extras()).bmc(config.bmc())
                .dns(config.dns()).dnsDynamic(config.dnsDynamic()).dhcp(config.dhcp()).redfish(config.redfish()).build();
        Lab lab = Lab.up(spec);
        context.getStore(NAMESPACE).put(Running.class, new Running(lab));
        injectStatic(context.getRequiredTestClass(), lab);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running != null) {
            running.lab().down();
        }
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        Lab lab = find(context);
        for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == Lab.class && !Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    f.set(instance, lab);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Lab lab = find(context);
        if (lab == null) {
            throw new ParameterResolutionException("no lab is running for " + context.getDisplayName());
        }
        return lab;
    }

    private static void injectStatic(Class<?> testClass, Lab lab) {
        for (Field f : testClass.getDeclaredFields()) {
            if (f.getType() == Lab.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    f.setAccessible(true);
                    f.set(null, lab);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set " + f + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static Lab find(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Running running = c.getStore(NAMESPACE).get(Running.class, Running.class);
            if (running != null) {
                return running.lab();
            }
        }
        return null;
    }
}
