import { mount } from "svelte";
import App from "./App.svelte";
import { prefetchLibrary } from "./components/Library.svelte";
import { tauriApi } from "./lib/api";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// The library's first page is read while the screen is built around it.
prefetchLibrary(tauriApi);

export default mount(App, { target, props: { api: tauriApi } });
