package io.gradcheck.mutants;

import io.gradcheck.layer.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * Fresh copies of a class of io.gradcheck.layer (or of a test layer such as {@link BookConvolution})
 * and of the helpers it uses there, one of them possibly a mutant, defined next to the originals (same class loader, same package, so that
 * package-private helpers stay reachable). Every copy of one call gets the suffix {@code $M<k>}
 * and refers to the others' copies, so a mutated helper is seen by exactly one copy of the layer.
 *
 * <p>Types the checker shares with the layers ({@link Layer}, Labels) are never copied: the checker
 * judges a copy through the public interface. A copy of a class that is not a Layer (SoftmaxWithLoss)
 * extends the original, so that the checker's entry point for it accepts the copy. Every copied loop
 * calls {@link Watchdog#tick()}.
 */
final class Copies {
    static final String PKG = "io/gradcheck/layer/";
    /** Shared with the checker, so never copied. */
    private static final Set<String> SHARED = Set.of(PKG + "Layer", PKG + "Labels");
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Copies() {
    }

    /** The class file of a class of ours, as compiled. */
    static byte[] bytes(String internalName) {
        try (InputStream in = Copies.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new IllegalArgumentException("Copies.bytes: no class file for " + internalName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes of io.gradcheck.layer that a class uses, itself first, transitively; shared types left out. */
    static Set<String> closure(String internalName) {
        Set<String> seen = new LinkedHashSet<>();
        collect(internalName, seen);
        return seen;
    }

    private static void collect(String name, Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        Set<String> refs = new HashSet<>();
        ClassReader r = new ClassReader(bytes(name));
        char[] buf = new char[r.getMaxStringLength()];
        for (int i = 1; i < r.getItemCount(); i++) {
            int at = r.getItem(i);
            if (at > 0 && r.b[at - 1] == 7) {  // CONSTANT_Class
                refs.add(r.readUTF8(at, buf));
            }
        }
        for (String ref : refs) {
            if (inLayers(ref) && !SHARED.contains(ref)) {
                collect(ref, seen);
            }
        }
    }

    /** Whether a class is in io.gradcheck.layer (not a subpackage). */
    static boolean inLayers(String internalName) {
        return internalName.startsWith(PKG) && internalName.indexOf('/', PKG.length()) < 0;
    }

    /**
     * Defines a copy of {@code subject} and of its helpers, with {@code mutated} (an internal class
     * name in the closure, or null) replaced by {@code mutant}'s bytes, and returns the subject's copy.
     */
    static Class<?> define(String subject, String mutated, byte[] mutant) {
        Set<String> all = closure(subject);
        if (mutated != null && !all.contains(mutated)) {
            throw new IllegalArgumentException("Copies.define: " + subject + " does not use " + mutated);
        }
        String suffix = "$M" + NEXT.incrementAndGet();
        Map<String, String> names = new HashMap<>();
        all.forEach(n -> names.put(n, PKG + n.substring(n.lastIndexOf('/') + 1) + suffix));  // all in io.gradcheck.layer
        MethodHandles.Lookup lookup;
        try {
            lookup = MethodHandles.privateLookupIn(Layer.class, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        Class<?> top = null;
        for (String n : reversed(all)) {  // helpers first: the subject's copy resolves them by name
            byte[] b = n.equals(mutated) ? mutant : bytes(n);
            boolean extend = n.equals(subject) && !isLayer(n);
            try {
                Class<?> c = lookup.defineClass(rewrite(b, names, extend ? n : null));
                if (n.equals(subject)) {
                    top = c;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return top;
    }

    private static boolean isLayer(String n) {
        for (String i : new ClassReader(bytes(n)).getInterfaces()) {
            if (i.equals(PKG + "Layer")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> reversed(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        Collections.reverse(l);
        return l;
    }

    /** Renames, counts loop iterations, and, if superName is not null, makes the class extend it. */
    private static byte[] rewrite(byte[] b, Map<String, String> names, String superName) {
        ClassWriter w = new ClassWriter(0);
        ClassVisitor v = new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String sig, String sup, String[] itfs) {
                super.visit(version, access, name, sig, superName == null ? sup : superName, itfs);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exc) {
                return new Ticks(super.visitMethod(access, name, desc, sig, exc), superName);
            }
        };
        new ClassReader(b).accept(new ClassRemapper(v, new SimpleRemapper(names)), 0);
        return w.toByteArray();
    }

    /** Calls Watchdog.tick() before every backward jump; redirects Object's constructor to superName's. */
    private static final class Ticks extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();
        private final String superName;

        Ticks(MethodVisitor mv, String superName) {
            super(Opcodes.ASM9, mv);
            this.superName = superName;
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "io/gradcheck/mutants/Watchdog", "tick", "()V", false);
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            boolean superInit = superName != null && opcode == Opcodes.INVOKESPECIAL && owner.equals("java/lang/Object")
                    && name.equals("<init>");
            super.visitMethodInsn(opcode, superInit ? superName : owner, name, desc, itf);
        }
    }
}
