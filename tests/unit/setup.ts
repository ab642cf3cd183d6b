// Extension pages and the background have IndexedDB (the remembered admin key lives there); Node does not.
import 'fake-indexeddb/auto';
