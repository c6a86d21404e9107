from emaillint.cli import main

main()
