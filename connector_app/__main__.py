from connector_app.cli import main

raise SystemExit(main())
