package io.gradcheck.junit;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java expression that builds a shape again, for the line a report gives to paste into a test:
 * {@code new io.gradcheck.check.Shapes.DenseShape(1, 1, 42L)}. Records of numbers, booleans,
 * strings, enums, arrays and such records; null for anything else.
 */
final class ShapeLiteral {
    private ShapeLiteral() {
    }

    /** The expression, or null when v is not made of public records, arrays and plain values. */
    static String of(Object v) {
        if (v == null) {
            return "null";
        }
        Class<?> c = v.getClass();
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        if (v instanceof Double d) {
            return d.isNaN() ? "Double.NaN" : d.isInfinite() ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY")
                    : d.toString();
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (c.isEnum() && visible(c)) {
            return c.getCanonicalName() + "." + ((Enum<?>) v).name();
        }
        if (c.isArray() && visible(c.getComponentType())) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                String item = of(Array.get(v, i));
                if (item == null) {
                    return null;
                }
                items.add(item);
            }
            return "new " + c.getComponentType().getCanonicalName() + "[] {" + String.join(", ", items) + "}";
        }
        if (c.isRecord() && visible(c)) {
            List<String> args = new ArrayList<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                try {
                    String arg = of(rc.getAccessor().invoke(v));
                    if (arg == null) {
                        return null;
                    }
                    args.add(arg);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    return null;
                }
            }
            return "new " + c.getCanonicalName() + "(" + String.join(", ", args) + ")";
        }
        return null;
    }

    /** Whether code in another package can name c: public, and public all the way out. */
    private static boolean visible(Class<?> c) {
        if (c.isPrimitive()) {
            return true;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.getCanonicalName() == null) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }
}
