import { render } from "preact";
import { App } from "./app/App";
import { interceptLinks } from "./app/router";
import { initialLanguage } from "./app/session";
import { setLocale } from "./i18n/i18n";
import "./styles.css";

const root = document.getElementById("app") as HTMLElement;
setLocale(initialLanguage());
interceptLinks(root);
render(<App />, root);
