package io.gradcheck.exercise;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Finds the calls in a compiled source that would end the JVM: System.exit, Runtime.exit and
 * Runtime.halt, called or referenced (System::exit). A child JVM runs the code, so such a call
 * ends only that check, as a BROKEN verdict; found before it runs, the student is told the line.
 */
final class ExitCalls extends TreePathScanner<Void, Void> {
    private final Trees trees;
    private final CompilationUnitTree unit;
    private final String file;
    private final List<String> found;

    private ExitCalls(Trees trees, CompilationUnitTree unit, String file, List<String> found) {
        this.trees = trees;
        this.unit = unit;
        this.file = file;
        this.found = found;
    }

    /**
     * Adds "Ex02Relu.java:42 calls System.exit" to found for each such call in the class at path,
     * which must be attributed (after javac's ANALYZE). found: modified.
     */
    static void scan(Trees trees, TreePath path, String file, List<String> found) {
        new ExitCalls(trees, path.getCompilationUnit(), file, found).scan(path, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void v) {
        check(node);
        return super.visitMethodInvocation(node, v);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void v) {
        check(node);
        return super.visitMemberReference(node, v);
    }

    private void check(Tree node) {
        Element m = trees.getElement(getCurrentPath());  // the invoked or referenced method
        if (m == null || m.getKind() != ElementKind.METHOD || !(m.getEnclosingElement() instanceof TypeElement t)) {
            return;
        }
        String owner = t.getQualifiedName().toString(), name = m.getSimpleName().toString();
        boolean exits = owner.equals("java.lang.System") && name.equals("exit")
                || owner.equals("java.lang.Runtime") && (name.equals("exit") || name.equals("halt"));
        if (exits) {
            long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, node));
            found.add(file + ":" + line + " calls " + t.getSimpleName() + "." + name);
        }
    }
}
