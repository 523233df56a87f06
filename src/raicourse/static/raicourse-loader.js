// Starts the course's widgets on a page that only includes this script (a hand-written
// page, or an older build): each widget's module is imported on demand. The book itself
// imports the modules of each page up front (see raicourse.sphinxext).
import { mountAll } from "./raicourse-mount.js";

mountAll();
