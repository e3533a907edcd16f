package io.gradcheck.exercise;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Builds a student's class by reflection, turning a missing constructor into a clear message. */
final class Build {
    private Build() {
    }

    /** A new instance; an exception thrown by the constructor itself is rethrown unwrapped. */
    static Object construct(Class<?> impl, Class<?>[] types, Object... args) {
        Constructor<?> c;
        try {
            c = impl.getConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new StudentCodeException(impl.getSimpleName() + " needs a public constructor ("
                    + Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "))
                    + "), as the layer it copies has; keep the constructor as it was");
        }
        if (Modifier.isAbstract(impl.getModifiers())) {
            throw new StudentCodeException(impl.getSimpleName() + " is abstract; it must be a concrete class");
        }
        try {
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new StudentCodeException(impl.getSimpleName() + "'s constructor threw " + t);
        } catch (ReflectiveOperationException e) {
            throw new StudentCodeException("cannot build " + impl.getSimpleName() + ": " + e);
        }
    }
}
