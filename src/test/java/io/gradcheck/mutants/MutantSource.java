package io.gradcheck.mutants;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.pitest.classinfo.ClassName;
import org.pitest.classpath.ClassloaderByteArraySource;
import org.pitest.mutationtest.engine.MutationDetails;
import org.pitest.mutationtest.engine.gregor.GregorMutater;
import org.pitest.mutationtest.engine.gregor.config.Mutator;

/**
 * The mutants of one layer: PIT's default operators (the group DEFAULTS: MATH, INCREMENTS,
 * INVERT_NEGS, CONDITIONALS_BOUNDARY, REMOVE_CONDITIONALS_ORDER_ELSE and _EQUAL_ELSE, VOID_METHOD_CALLS
 * and the return-value operators) and NEGATE_CONDITIONALS, applied by PIT's Gregor engine to every method of io.gradcheck.layer that the layer's
 * forward, backward or grads reaches, in the layer and in its helpers (Checks, Grads, Im2col).
 *
 * <p>Left out, because they are not the arithmetic of forward and backward: constructors (they only
 * validate arguments), {@code params} (which tensors the checker perturbs) and {@code branches} (the
 * kinks the checker skips), and the methods no forward or backward calls (Checks.requirePositive,
 * Labels). Im2col.im2col and col2im, which no layer of ours calls, reach the checker through
 * {@link BookConvolution}.
 */
final class MutantSource {
    /**
     * PIT's group of default operators (what our pitest-maven profile runs, as none are named there),
     * and NEGATE_CONDITIONALS ({@code <} to {@code >=}, {@code ==} to {@code !=}), which this version's
     * DEFAULTS leaves out for the REMOVE_CONDITIONALS_*_ELSE operators.
     */
    static final List<String> OPERATORS = List.of("DEFAULTS", "NEGATE_CONDITIONALS");
    private static final Set<String> ENTRIES = Set.of("forward", "backward", "grads");

    private MutantSource() {
    }

    /** Every mutant of the methods that subject (an internal name in io/gradcheck/layer) reaches, in PIT's order. */
    static List<Mutant> of(String subject) {
        Set<String> reached = reached(subject);
        GregorMutater engine = new GregorMutater(ClassloaderByteArraySource.fromContext(),
                m -> reached.contains(m.getOwningClass().getName() + "." + m.getName()),
                Mutator.fromStrings(OPERATORS));
        List<Mutant> out = new ArrayList<>();
        for (String c : Copies.closure(subject)) {
            if (!Copies.inLayers(c)) {
                continue;  // a test layer that carries helpers' mutants is not mutated itself
            }
            for (MutationDetails d : engine.findMutations(ClassName.fromString(c))) {
                out.add(new Mutant(c, d.getMethod(), d.getLineNumber(), d.getFirstIndex(), operator(d.getMutator()),
                        d.getDescription(), engine.getMutation(d.getId()).getBytes()));
            }
        }
        return out;
    }

    /** "org.pitest...MathMutator" -> "MATH", "...NegateConditionalsMutator" -> "NEGATE_CONDITIONALS". */
    static String operator(String mutatorClass) {
        String s = mutatorClass.substring(mutatorClass.lastIndexOf('.') + 1).replace("Mutator", "");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /**
     * "owner.method" for every method that the subject's forward, backward or grads calls, directly or
     * through others, in the classes of its closure (methods told apart by name: no overloads there).
     */
    static Set<String> reached(String subject) {
        Set<String> closure = Copies.closure(subject);
        Set<String> reached = new HashSet<>();
        List<String> todo = new ArrayList<>();
        ENTRIES.forEach(m -> todo.add(subject + "." + m));
        while (!todo.isEmpty()) {
            String at = todo.remove(todo.size() - 1);
            if (!reached.add(at)) {
                continue;
            }
            String owner = at.substring(0, at.lastIndexOf('.')), name = at.substring(at.lastIndexOf('.') + 1);
            new ClassReader(Copies.bytes(owner)).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String mName, String desc, String sig, String[] exc) {
                    if (!mName.equals(name)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int op, String o, String n, String d, boolean itf) {
                            if (closure.contains(o) && !n.startsWith("<") && !n.equals("params") && !n.equals("branches")) {
                                todo.add(o + "." + n);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        reached.removeIf(m -> !exists(m));
        return reached;
    }

    private static boolean exists(String ownerDotMethod) {
        String owner = ownerDotMethod.substring(0, ownerDotMethod.lastIndexOf('.'));
        String name = ownerDotMethod.substring(ownerDotMethod.lastIndexOf('.') + 1);
        boolean[] found = {false};
        new ClassReader(Copies.bytes(owner)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
                found[0] |= n.equals(name);
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return found[0];
    }
}
