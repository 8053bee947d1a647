package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The UI's pagination: {@code page} from 1, {@code size} default 50, at most 500. */
record Pages(int page, int size) {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    static Pages of(ApiRequest request) {
        return new Pages(request.intParam("page", 1, Integer.MAX_VALUE), request.intParam("size", DEFAULT_SIZE, MAX_SIZE));
    }

    <T> List<T> slice(List<T> all) {
        long from = (long) (page - 1) * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }

    /** @return an answer with {@code total}, {@code page}, {@code size}, its items still to add */
    ObjectNode answer(long total) {
        return UiJson.object().put("total", total).put("page", page).put("size", size);
    }
}
