package org.karyo.app.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.karyo.app.store.ConflictException;

/**
 * Undo and redo for one cell's edits (boxes or outlines); the editors of boxes and outlines
 * extend it and push each edit they commit. Every edit, undo and redo is a store
 * transaction named after its action ({@code undo:box.move} ...). A refused undo or redo (a
 * signed-off case) throws and leaves both stacks as they were. An undo or redo over another user's
 * later change is refused by the store with a {@link ConflictException}; the history is then
 * forgotten, since every remembered value older than that change is stale.
 */
public abstract class EditHistory {

    /** One reversible edit: {@code apply} (re)does it, {@code revert} undoes it, each given the audit action. */
    public record Edit(String action, Consumer<String> apply, Consumer<String> revert) {}

    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Records an edit that has just been committed. */
    protected synchronized void push(Edit e) {
        undo.push(e);
        redo.clear();
        fire();
    }

    public synchronized boolean canUndo() {
        return !undo.isEmpty();
    }

    public synchronized boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The action the next undo would reverse ({@code box.move} ...), or null. */
    public synchronized String undoAction() {
        return undo.isEmpty() ? null : undo.peek().action();
    }

    public synchronized String redoAction() {
        return redo.isEmpty() ? null : redo.peek().action();
    }

    public synchronized void undo() {
        if (!undo.isEmpty()) {
            Edit e = undo.peek();
            forgetOnConflict(() -> e.revert().accept("undo:" + e.action()));
            redo.push(undo.pop());
            fire();
        }
    }

    public synchronized void redo() {
        if (!redo.isEmpty()) {
            Edit e = redo.peek();
            forgetOnConflict(() -> e.apply().accept("redo:" + e.action()));
            undo.push(redo.pop());
            fire();
        }
    }

    /**
     * Forgets undo and redo, e.g. after a forced detection run replaced the boxes the history
     * refers to (undoing into superseded boxes would be refused anyway).
     */
    public synchronized void clearHistory() {
        undo.clear();
        redo.clear();
        fire();
    }

    private void forgetOnConflict(Runnable step) {
        try {
            step.run();
        } catch (ConflictException c) {
            clearHistory();
            throw c;
        }
    }

    /** Called after every committed edit, undo and redo (on the calling thread). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
