import './shell/ec-hq-app.ts';
